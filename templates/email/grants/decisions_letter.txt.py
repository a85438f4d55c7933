BBBB BBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u"Please find attached, as a PDF, the agency's decision letter on the application %(reference)s of %(organisation_name)s (“%(title)s”) to the call “%(call_title)s”.") SSSSSS SSSS SSSSSSSSS SS S SSSS SSS SSSSSSSS SSSSSSSS SSSSSS SS SSS SSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSSSSSS SS SSS SSSS SSSSSSSSSSSSSSSSS

BB BBBBBBBB gettext(u'Keep it: it states the amount of de minimis aid granted, which you must declare when you apply for other de minimis aid in the next three years.') BBBBB

 gettext(u'See where it stands, and its timeline:')  

XX
XXXXXXXXXX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS

BBBBBBBBBBBBB

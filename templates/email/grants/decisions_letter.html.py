BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'%(reference)s: the decision letter') SSSSSSSSSSSSSS SSS SSSSSSSS SSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u"Please find attached, as a PDF, the agency's decision letter on the application %(reference)s of %(organisation_name)s (“%(title)s”) to the call “%(call_title)s”.") SSSSSS SSSS SSSSSSSSS SS S SSSS SSS SSSSSSSS SSSSSSSS SSSSSS SS SSS SSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSSSSSS SS SSS SSSS SSSSSSSSSSSSSSSSSXXXX
BB BBBBBBBBXXX gettext(u'Keep it: it states the amount of de minimis aid granted, which you must declare when you apply for other de minimis aid in the next three years.') XXXXBBBBB
XXXXX XXXXXXXX gettext(u'See where it stands, and its timeline') XXXXXXXX
BBBBBBBB BBBB

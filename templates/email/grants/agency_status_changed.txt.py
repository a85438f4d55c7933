BBBB BBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u'The application %(reference)s of %(organisation_name)s (“%(title)s”) to the call “%(call_title)s” is now “%(status_label)s”.') SSS SSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSSSSSS SS SSS SSSS SSSSSSSSSSSSSSSS SS SSS SSSSSSSSSSSSSSSSSSS
BB BBBBBBB
 gettext(u"The applicant's message:") 

BBBBB
 gettext(u'Open the application:')  

XX
XXXXXXXXXX

BBBBBBBBBBBBB

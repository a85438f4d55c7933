BBBB BBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u'The agency asks you to review the application %(reference)s of %(organisation_name)s (“%(title)s”) to the call “%(call_title)s”.') SSS SSSSSS SSSS SSS SS SSSSSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSSSSSS SS SSS SSSS SSSSSSSSSSSSSSSSS

 gettext(u'First declare whether you have a conflict of interest with this organisation or this project; then you can score the application.') 

 gettext(u'Make your declaration:')  
 gettext(u'Your reviews:')  

XX
XXXXXXXXXX

BBBBBBBBBBBBB

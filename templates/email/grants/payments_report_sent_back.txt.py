BBBB BBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u'The agency sent back the final report of the grant %(reference)s (“%(title)s”) of %(organisation_name)s: something is missing. Change the report, then submit it again.') SSS SSSSSS SSSS SSSS SSS SSSSS SSSSSS SS SSS SSSSS SSSSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSSS SSSSSSSSS SS SSSSSSSS SSSSSS SSS SSSSSSS SSSS SSSSSS SS SSSSSS

 gettext(u"The agency's message:") 


 gettext(u'Your final report:')  

XX
XXXXXXXXXX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS

BBBBBBBBBBBBB

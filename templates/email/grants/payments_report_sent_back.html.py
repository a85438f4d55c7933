BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'%(reference)s: your final report is sent back to you') SSSSSSSSSSSSSS SSSS SSSSS SSSSSS SS SSSS SSSS SS SSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'The agency sent back the final report of the grant %(reference)s (“%(title)s”) of %(organisation_name)s: something is missing. Change the report, then submit it again.') SSS SSSSSS SSSS SSSS SSS SSSSS SSSSSS SS SSS SSSSS SSSSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSSS SSSSSSSSS SS SSSSSSSS SSSSSS SSS SSSSSSS SSSS SSSSSS SS SSSSSSXXXX
XXX gettext(u"The agency's message:") XXXXXXXXXXXXXXXXFFFFFFFFFFFFXXXXXXXXXXXXX
XXXXX XXXXXXXX gettext(u'Your final report') XXXXXXXX
BBBBBBBB BBBB

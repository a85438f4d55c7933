BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'Your experience is sent back for changes: “%(title)s”') SSSS SSSSSSSSSS SS SSSS SSSS SSS SSSSSSSS SSSSSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'The agency read your experience “%(title)s” and sends it back for a few changes before publishing it.') SSS SSSSSS SSSS SSSS SSSSSSSSSS SSSSSSSSSSS SSS SSSSS SS SSSS SSS S SSS SSSSSSS SSSSSS SSSSSSSSSS SSSXXXX
XXX gettext(u"The moderator's remarks:") XXXXFFFFFFFFFFFFXXXX
XXXXX XXXXXXXX gettext(u'Change it and submit it again') XXXXXXXX
BBBBBBBB BBBB

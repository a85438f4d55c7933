BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'Your experience is no longer public: “%(title)s”') SSSS SSSSSSSSSS SS SS SSSSSS SSSSSSS SSSSSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'The agency took your experience “%(title)s” off the public pages. You may change it and submit it again.') SSS SSSSSS SSSS SSSS SSSSSSSSSS SSSSSSSSSSS SSS SSS SSSSSS SSSSSS SSS SSS SSSSSS SS SSS SSSSSS SS SSSSSSXXXX
XXX gettext(u"The moderator's remarks:") XXXXFFFFFFFFFFFFXXXX
XXXXX XXXXXXXX gettext(u'Change it and submit it again') XXXXXXXX
BBBBBBBB BBBB

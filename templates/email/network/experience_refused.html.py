BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'Your experience is not published: “%(title)s”') SSSS SSSSSSSSSS SS SSS SSSSSSSSSS SSSSSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'The agency read your experience “%(title)s” and decided not to publish it.') SSS SSSSSS SSSS SSSS SSSSSSSSSS SSSSSSSSSSS SSS SSSSSSS SSS SS SSSSSSS SSSXXXX
XXX gettext(u"The moderator's remarks:") XXXXFFFFFFFFFFFFXXXX
XXXXX XXXXXXXX gettext(u"Your organisation's experiences") XXXXXXXX
BBBBBBBB BBBB

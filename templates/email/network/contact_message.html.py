BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB

BBBBB BBBBBBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'%(name)s, member of the organisation %(organisation)s, writes to the organisation %(recipient)s through DigitalEES:') SSSSSSSSS SSSSSS SS SSS SSSSSSSSSSSS SSSSSSSSSSSSSSSSS SSSSSS SS SSS SSSSSSSSSSSS SSSSSSSSSSSSS SSSSSSS SSSSSSSSSSSXXXX
XXXXXX gettext(u'Subject:') XXXX XXXX
XXXXXXXXXXXXFFFFFFFFFFFFXXXXXXXXXXXXX
XXXBB BBBBBBBBBBBB gettext(u'To answer, reply to this e-mail (it goes to %(email)s) or write on the platform:') SS SSSSSSS SSSSS SS SSSS SSSSSS SSS SSSS SS SSSSSSSSSS SS SSSSS SS SSS SSSSSSSSSBBBB gettext(u"To answer, write on the platform (replying to this e-mail reaches nobody). Addresses stay hidden until the organisation written to answers; from then on, each side sees the other's.") BBBBBXXXX
XXXXX XXXXXXXXXXX gettext(u'Open the conversation') XXXXXXXXXXXX
BBBBBBBB BBBB

BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'%(inviter_name)s invites you to join %(organisation_name)s on DigitalEES') SSSSSSSSSSSSSSSS SSSSSSS SSS SS SSSS SSSSSSSSSSSSSSSSSSSSS SS SSSSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u"%(inviter_name)s invites you to join <b>%(organisation_name)s</b> on DigitalEES, the platform of Wallonia's digital-transformation programme for social-economy enterprises. Your role: %(role)s.") SSSSSSSSSSSSSSSS SSSSSSS SSS SS SSSS SSSSSSSSSSSSSSSSSSSSSSSSSSSS SS SSSSSSSSSSS SSS SSSSSSSS SS SSSSSSSSSS SSSSSSSSSSSSSSSSSSSSSS SSSSSSSSS SSS SSSSSSSSSSSSSS SSSSSSSSSSSS SSSS SSSSS SSSSSSSSSXXXX
XXXXX XXXXXXXXXXX gettext(u'Accept the invitation to join %(organisation_name)s') SSSSSS SSS SSSSSSSSSS SS SSSS SSSSSSSSSSSSSSSSSSSSSXXXXXXXXXXXX
XXX ngettext(u'The link works for %(days)s day. Log in, or create an account, with the address this message was sent to.', u'The link works for %(days)s days. Log in, or create an account, with the address this message was sent to.', count) SSS SSSS SSSSS SSS SSSSSSSS SSSS SSS SSS SS SSSSSS SS SSSSSSSS SSSS SSS SSSSSSS SSSS SSSSSSS SSS SSSS SSSPPP PPPP PPPPP PPP PPPPPPPP PPPPP PPP PPP PP PPPPPP PP PPPPPPPP PPPP PPP PPPPPPP PPPP PPPPPPP PPP PPPP PPPXXXX
XXX gettext(u'If the link does not work, copy this address into your browser:') XXXXXXXX
XXX gettext(u'If you were not expecting this invitation, you can ignore this message.') XXXX
BBBBBBBB BBBB

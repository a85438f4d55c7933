BBBB BBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u"%(inviter_name)s invites you to join %(organisation_name)s on DigitalEES, the platform of Wallonia's digital-transformation programme for social-economy enterprises. Your role: %(role)s.") SSSSSSSSSSSSSSSS SSSSSSS SSS SS SSSS SSSSSSSSSSSSSSSSSSSSS SS SSSSSSSSSSS SSS SSSSSSSS SS SSSSSSSSSS SSSSSSSSSSSSSSSSSSSSSS SSSSSSSSS SSS SSSSSSSSSSSSSS SSSSSSSSSSSS SSSS SSSSS SSSSSSSSS

 gettext(u'To accept, open this link:') 


 ngettext(u'The link works for %(days)s day. Log in, or create an account, with the address this message was sent to.', u'The link works for %(days)s days. Log in, or create an account, with the address this message was sent to.', count) SSS SSSS SSSSS SSS SSSSSSSS SSSS SSS SSS SS SSSSSS SS SSSSSSSS SSSS SSS SSSSSSS SSSS SSSSSSS SSS SSSS SSSPPP PPPP PPPPP PPP PPPPPPPP PPPPP PPP PPP PP PPPPPP PP PPPPPPPP PPPP PPP PPPPPPP PPPP PPPPPPP PPP PPPP PPP

 gettext(u'If you were not expecting this invitation, you can ignore this message.') 

XX
XXXXXXXXXX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS

BBBBBBBBBBBBB

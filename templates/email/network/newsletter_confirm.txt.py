BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBB gettext(u'You asked to receive the monthly digest of the DigitalEES network: the experiences that social-economy enterprises shared and the events coming up.') 

 gettext(u'To confirm, open this link and press the button:') 


 ngettext(u'The link works for %(days)s day.', u'The link works for %(days)s days.', count) SSS SSSS SSSSS SSS SSSSSSSS SSSSPPP PPPP PPPPP PPP PPPPPPPP PPPPP  gettext(u'If you did not ask for it, ignore this message: without your confirmation, nothing more is sent to you.') BBBBBBBB BBBB

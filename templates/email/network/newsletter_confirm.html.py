BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBBBBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'You asked to receive the monthly digest of the DigitalEES network: the experiences that social-economy enterprises shared and the events coming up.') XXXX
XXXXX XXXXXXXXXXX gettext(u'Confirm my subscription') XXXXXXXXXXXX
XXX ngettext(u'The link works for %(days)s day.', u'The link works for %(days)s days.', count) SSS SSSS SSSSS SSS SSSSSSSS SSSSPPP PPPP PPPPP PPP PPPPPPPP PPPPP  gettext(u'If you did not ask for it, ignore this message: without your confirmation, nothing more is sent to you.') XXXX
BBBBBBBB BBBB

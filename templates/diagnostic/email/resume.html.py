BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'Resume your DigitalEES diagnostic') BBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'Here is the link to resume your self-diagnostic of digital maturity where you left it:') XXXX
XXXXX XXXXXXXXXXX gettext(u'Resume my diagnostic') XXXXXXXXXXXX
XXX ngettext(u'The link works for %(days)s day. Keep it to yourself: it opens your answers.', u'The link works for %(days)s days. Keep it to yourself: it opens your answers.', count) SSS SSSS SSSSS SSS SSSSSSSS SSSS SSSS SS SS SSSSSSSSS SS SSSSS SSSS SSSSSSSSPPP PPPP PPPPP PPP PPPPPPPP PPPPP PPPP PP PP PPPPPPPPP PP PPPPP PPPP PPPPPPPPXXXX
XXX gettext(u'If the link does not work, copy this address into your browser:') XXXXXXXX
BBBBBBBB BBBB

BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBB gettext(u'Here is the link to resume your self-diagnostic of digital maturity where you left it:') 


 ngettext(u'The link works for %(days)s day. Keep it to yourself: it opens your answers.', u'The link works for %(days)s days. Keep it to yourself: it opens your answers.', count) SSS SSSS SSSSS SSS SSSSSSSS SSSS SSSS SS SS SSSSSSSSS SS SSSSS SSSS SSSSSSSSPPP PPPP PPPPP PPP PPPPPPPP PPPPP PPPP PP PP PPPPPPPPP PP PPPPP PPPP PPPPPPPP
BBBBBBBB BBBB

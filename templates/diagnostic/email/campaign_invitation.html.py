BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'%(organisation_name)s: your view of our digital maturity') SSSSSSSSSSSSSSSSSSSSSS SSSS SSSS SS SSS SSSSSSS SSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'%(inviter_name)s invites you to take part in the self-diagnostic of digital maturity of %(organisation_name)s. Each colleague answers alone, in about %(minutes)s minutes; the organisation sees the mean of the answers and where views differ, never who answered what.') SSSSSSSSSSSSSSSS SSSSSSS SSS SS SSSS SSSS SS SSS SSSSSSSSSSSSSSS SS SSSSSSS SSSSSSSS SS SSSSSSSSSSSSSSSSSSSSSS SSSS SSSSSSSSS SSSSSSS SSSSSS SS SSSSS SSSSSSSSSSS SSSSSSSS SSS SSSSSSSSSSSS SSSS SSS SSSS SS SSS SSSSSSS SSS SSSSS SSSSS SSSSSSS SSSSS SSS SSSSSSSS SSSSSXXXX
XXXXX XXXXXXXXXXX gettext(u'Answer the diagnostic') XXXXXXXXXXXX
XXX ngettext(u'The link works for %(days)s day. Keep it to yourself: it opens your answers.', u'The link works for %(days)s days. Keep it to yourself: it opens your answers.', count) SSS SSSS SSSSS SSS SSSSSSSS SSSS SSSS SS SS SSSSSSSSS SS SSSSS SSSS SSSSSSSSPPP PPPP PPPPP PPP PPPPPPPP PPPPP PPPP PP PP PPPPPPPPP PP PPPPP PPPP PPPPPPPPXXXX
XXX gettext(u'If the link does not work, copy this address into your browser:') XXXXXXXX
BBBBBBBB BBBB

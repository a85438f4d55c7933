BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBB gettext(u'%(inviter_name)s invites you to take part in the self-diagnostic of digital maturity of %(organisation_name)s. Each colleague answers alone, in about %(minutes)s minutes; the organisation sees the mean of the answers and where views differ, never who answered what.') SSSSSSSSSSSSSSSS SSSSSSS SSS SS SSSS SSSS SS SSS SSSSSSSSSSSSSSS SS SSSSSSS SSSSSSSS SS SSSSSSSSSSSSSSSSSSSSSS SSSS SSSSSSSSS SSSSSSS SSSSSS SS SSSSS SSSSSSSSSSS SSSSSSSS SSS SSSSSSSSSSSS SSSS SSS SSSS SS SSS SSSSSSS SSS SSSSS SSSSS SSSSSSS SSSSS SSS SSSSSSSS SSSSS

 gettext(u'Your personal link:') 


 ngettext(u'The link works for %(days)s day. Keep it to yourself: it opens your answers.', u'The link works for %(days)s days. Keep it to yourself: it opens your answers.', count) SSS SSSS SSSSS SSS SSSSSSSS SSSS SSSS SS SS SSSSSSSSS SS SSSSS SSSS SSSSSSSSPPP PPPP PPPPP PPP PPPPPPPP PPPPP PPPP PP PP PPPPPPPPP PP PPPPP PPPP PPPPPPPP
BBBBBBBB BBBB

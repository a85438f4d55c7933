BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBBBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u"You are invited to an intervision of the cohort %(cohort)s: a collective session where the cohort's enterprises learn from each other.") SSS SSS SSSSSSS SS SS SSSSSSSSSSS SS SSS SSSSSS SSSSSSSSSSS S SSSSSSSSSS SSSSSSS SSSSS SSS SSSSSSSS SSSSSSSSSSS SSSSS SSSS SSSS SSSSSSXXXX
XXXXXXXXXXXXXX
 gettext(u'When: %(date)s') SSSSS SSSSSSSSXXXX
 ngettext(u'Duration: %(minutes)s minute', u'Duration: %(minutes)s minutes', count) SSSSSSSSS SSSSSSSSSSS SSSSSSPPPPPPPPP PPPPPPPPPPP PPPPPPP
BB BBBBBBBBXXXX gettext(u'Where: %(location)s') SSSSSS SSSSSSSSSSSSBBBBBXXXX
BB BBBBBBBBBBBXXX gettext(u'Agenda:') XXXXFFFFFFFFFFFFXXXXBBBBB
XXXXX XXXXXXXXXXX gettext(u'Post your questions before the intervision') XXXXXXXXXXXX gettext(u'Anonymously if you wish.') XXXX
XXX gettext(u'If the link does not work, copy this address into your browser:') XXXXXXXX
BBBBBBBB BBBB

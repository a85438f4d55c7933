BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBBBBBBBBBBBB BBB gettext(u"You are invited to an intervision of the cohort %(cohort)s: a collective session where the cohort's enterprises learn from each other.") SSS SSS SSSSSSS SS SS SSSSSSSSSSS SS SSS SSSSSS SSSSSSSSSSS S SSSSSSSSSS SSSSSSS SSSSS SSS SSSSSSSS SSSSSSSSSSS SSSSS SSSS SSSS SSSSSS


 gettext(u'When: %(date)s') SSSSS SSSSSSSS
 ngettext(u'Duration: %(minutes)s minute', u'Duration: %(minutes)s minutes', count) SSSSSSSSS SSSSSSSSSSS SSSSSSPPPPPPPPP PPPPPPPPPPP PPPPPPP
BB BBBBBBBB gettext(u'Where: %(location)s') SSSSSS SSSSSSSSSSSS
BBBBBBB BBBBBBBBBBB
 gettext(u'Agenda:') 

BBBBB
 gettext(u'Before the intervision you can post the questions you want to raise, anonymously if you wish:') 

BBBBBBBBBBBBBBBBBBBBB BBBB

BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'Selected for the coaching programme: %(cohort_name)s') SSSSSSSS SSS SSS SSSSSSSS SSSSSSSSSS SSSSSSSSSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'Good news: %(organisation_name)s has been selected for the coaching programme “%(cohort_name)s” and is now enrolled.') SSSS SSSSS SSSSSSSSSSSSSSSSSSSSS SSS SSSS SSSSSSSS SSS SSS SSSSSSSS SSSSSSSSS SSSSSSSSSSSSSSSSS SSS SS SSS SSSSSSSSSXXXX
BB BBBBBBXXX gettext(u'What the selection committee noted:') XXXXXXXXXXXXXXXXFFFFFFFFFFFFXXXXXXXXXXXXXBBBBB
XXXXXX gettext(u'What comes next:') XXXXXXXX
XXXX
XXXX gettext(u'The coaching runs from %(starts)s to %(ends)s.') SSS SSSSSSSS SSSS SSSS SSSSSSSSSS SS SSSSSSSSSXXXXX
XXXX gettext(u'The agency assigns you one or more coaches, each with their areas of expertise: you will get an e-mail introducing them. Your enterprise has %(hours)s hours of individual coaching.') SSS SSSSSS SSSSSSS SSS SSS SS SSSS SSSSSSSS SSSS SSSS SSSSS SSSSS SS SSSSSSSSSS SSS SSSS SSS SS SSSSSS SSSSSSSSSSS SSSSS SSSS SSSSSSSSSS SSS SSSSSSSSS SSSSS SS SSSSSSSSSS SSSSSSSSSXXXXX
XXXX gettext(u'With your coach, you build your digital transformation plan from your latest self-diagnostic. If it is more than a few months old, run it again with your team:')  XX XXXXXXXXXXXXXXXXX
XXXX gettext(u"Intervisions bring the cohort's enterprises together several times a year to learn from each other.") XXXXX
XXXXX
XXXXX XXXXXXXXXXX gettext(u'Open your dashboard') XXXXXXXXXXXX
BBBBBBBB BBBB

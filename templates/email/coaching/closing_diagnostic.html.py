BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'%(organisation_name)s: measure what your plan has changed') SSSSSSSSSSSSSSSSSSSSSS SSSSSSS SSSS SSSS SSSS SSS SSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'The coaching of “%(cohort_name)s” has ended. To measure what your transformation plan has changed, run the self-diagnostic of digital maturity again for %(organisation_name)s: your plan will show the change in each dimension between your first diagnostic and this one.') SSS SSSSSSSS SS SSSSSSSSSSSSSSSSS SSS SSSSSS SS SSSSSSS SSSS SSSS SSSSSSSSSSSSSS SSSS SSS SSSSSSSS SSS SSS SSSSSSSSSSSSSSS SS SSSSSSS SSSSSSSS SSSSS SSS SSSSSSSSSSSSSSSSSSSSSS SSSS SSSS SSSS SSSS SSS SSSSSS SS SSSS SSSSSSSSS SSSSSSS SSSS SSSSS SSSSSSSSSS SSS SSSS SSSSXXXX
XXXXX XXXXXXXXXXX gettext(u'Run the closing diagnostic') XXXXXXXXXXXX
XXXXX XXXXXXXX gettext(u'See your transformation plan') XXXXXXXX
XXX gettext(u'If the link does not work, copy this address into your browser:') XXXXXXXX
BBBBBBBB BBBB

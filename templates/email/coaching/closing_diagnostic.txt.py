BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBB gettext(u'The coaching of “%(cohort_name)s” has ended. To measure what your transformation plan has changed, run the self-diagnostic of digital maturity again for %(organisation_name)s: your plan will show the change in each dimension between your first diagnostic and this one.') SSS SSSSSSSS SS SSSSSSSSSSSSSSSSS SSS SSSSSS SS SSSSSSS SSSS SSSS SSSSSSSSSSSSSS SSSS SSS SSSSSSSS SSS SSS SSSSSSSSSSSSSSS SS SSSSSSS SSSSSSSS SSSSS SSS SSSSSSSSSSSSSSSSSSSSSS SSSS SSSS SSSS SSSS SSS SSSSSS SS SSSS SSSSSSSSS SSSSSSS SSSS SSSSS SSSSSSSSSS SSS SSSS SSSS

 gettext(u'Run the closing diagnostic:') 


 gettext(u'Your transformation plan:') 

BBBBBBBB BBBB

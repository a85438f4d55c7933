BBBB BBBB gettext(u'%(organisation_name)s: measure what your plan has changed') SSSSSSSSSSSSSSSSSSSSSS SSSSSSS SSSS SSSS SSSS SSS SSSSSSS

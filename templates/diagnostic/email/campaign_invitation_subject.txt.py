BBBB BBBB gettext(u'%(organisation_name)s: your view of our digital maturity') SSSSSSSSSSSSSSSSSSSSSS SSSS SSSS SS SSS SSSSSSS SSSSSSSS

BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBBBBBBBBBBBB BBB gettext(u'Here is the summary of the intervision of %(date)s, “%(title)s”, shared with the cohort:') SSSS SS SSS SSSSSSS SS SSS SSSSSSSSSSS SS SSSSSSSSS SSSSSSSSSSSS SSSSSS SSSS SSS SSSSSSS



 gettext(u"It stays on the intervision's page:") 

BBBBBBBBBBBBBBBBBBBBB BBBB

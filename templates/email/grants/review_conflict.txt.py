BBBB BBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u'%(reviewer_name)s declared a conflict of interest with the application %(reference)s of %(organisation_name)s (“%(title)s”) and is no longer one of its reviewers.') SSSSSSSSSSSSSSSSS SSSSSSSS S SSSSSSSS SS SSSSSSSS SSSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSSSSSS SSS SS SS SSSSSS SSS SS SSS SSSSSSSSSS

 gettext(u'What they declared:') 


 gettext(u'Assign another reviewer if needed:')  

XX
XXXXXXXXXX

BBBBBBBBBBBBB

BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'%(reference)s: %(reviewer_name)s declared a conflict of interest') SSSSSSSSSSSSSS SSSSSSSSSSSSSSSSS SSSSSSSS S SSSSSSSS SS SSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'%(reviewer_name)s declared a conflict of interest with the application %(reference)s of %(organisation_name)s (“%(title)s”) and is no longer one of its reviewers.') SSSSSSSSSSSSSSSSS SSSSSSSS S SSSSSSSS SS SSSSSSSS SSSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSSSSSS SSS SS SS SSSSSS SSS SS SSS SSSSSSSSSSXXXX
XXX gettext(u'What they declared:') XXXX
XXXXXXXXXXXXFFFFFFFFFFFFXXXXXXXXXXXXX
XXXXX XXXXXXXX gettext(u'Assign another reviewer if needed') XXXXXXXX
BBBBBBBB BBBB

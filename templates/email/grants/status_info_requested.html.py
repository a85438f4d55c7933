BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'%(reference)s: the agency needs more information') SSSSSSSSSSSSSS SSS SSSSSS SSSSS SSSS SSSSSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'The agency needs more information about the application %(reference)s of %(organisation_name)s (“%(title)s”):') SSS SSSSSS SSSSS SSSS SSSSSSSSSSS SSSSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSSSSSSSXXXX
XXXXXXXXXXXXFFFFFFFFFFFFXXXXXXXXXXXXX
XXXXX XXXXXXXX gettext(u'Complete your application if needed, then send your answer') XXXXXXXX
XXXXX XXXXXXXX gettext(u'See where it stands, and its timeline') XXXXXXXX
BBBBBBBB BBBB

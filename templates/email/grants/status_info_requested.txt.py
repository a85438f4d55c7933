BBBB BBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u'The agency needs more information about the application %(reference)s of %(organisation_name)s (“%(title)s”):') SSS SSSSSS SSSSS SSSS SSSSSSSSSSS SSSSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSSSSSSS



 gettext(u'Complete your application if needed, then send your answer:')  
 gettext(u'See where it stands, and its timeline:')  

XX
XXXXXXXXXX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS

BBBBBBBBBBBBB

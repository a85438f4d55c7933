BBBB BBBB BBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u'The agency approved the application %(reference)s of %(organisation_name)s (“%(title)s”) with a grant of %(amount)s.') SSS SSSSSS SSSSSSSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSSSSSS SSSS S SSSSS SS SSSSSSSSSSS

BB BBBBBBB gettext(u'The reasons for the decision:') 


BBBBB gettext(u"The decision letter follows in a separate e-mail, as a PDF; it will also be on the application's page. The agency will then send you the grant agreement to sign.") 

 gettext(u'See where it stands, and its timeline:')  

XX
XXXXXXXXXX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS

BBBBBBBBBBBBB

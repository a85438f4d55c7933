BBBB BBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u'The agency has not approved the application %(reference)s of %(organisation_name)s (“%(title)s”) to the call “%(call_title)s”.') SSS SSSSSS SSS SSS SSSSSSSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSSSSSS SS SSS SSSS SSSSSSSSSSSSSSSSS

BB BBBBBBB gettext(u'The reasons for the decision:') 


BBBBB gettext(u"The decision letter follows in a separate e-mail, as a PDF; it will also be on the application's page.") 

 gettext(u'See where it stands, and its timeline:')  

XX
XXXXXXXXXX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS

BBBBBBBBBBBBB

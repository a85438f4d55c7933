BBBB BBBB BBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u'The balance of the grant for the application %(reference)s (“%(title)s”) has been paid: in all, %(paid)s was paid to %(organisation_name)s. The application is now closed.') SSS SSSSSSS SS SSS SSSSS SSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SSSSSSSSSSSSS SSS SSSS SSSSS SS SSSS SSSSSSSS SSS SSSS SS SSSSSSSSSSSSSSSSSSSSSS SSS SSSSSSSSSSS SS SSS SSSSSSS

 gettext(u'Thank you for taking part in the programme. Share your experience with the network: it helps other enterprises.') 

 gettext(u'See where it stands, and its timeline:')  

XX
XXXXXXXXXX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS

BBBBBBBBBBBBB

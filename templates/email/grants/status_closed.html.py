BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBB
BBBBB BBBBB gettext(u'%(reference)s: the balance is paid, your application is “%(status_label)s”') SSSSSSSSSSSSSS SSS SSSSSSS SS SSSSS SSSS SSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'The balance of the grant for the application %(reference)s (“%(title)s”) has been paid: in all, %(paid)s was paid to %(organisation_name)s. The application is now closed.') SSS SSSSSSS SS SSS SSSSS SSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SSSSSSSSSSSSS SSS SSSS SSSSS SS SSSS SSSSSSSS SSS SSSS SS SSSSSSSSSSSSSSSSSSSSSS SSS SSSSSSSSSSS SS SSS SSSSSSSXXXX
XXX gettext(u'Thank you for taking part in the programme. Share your experience with the network: it helps other enterprises.') XXXX
XXXXX XXXXXXXX gettext(u'See where it stands, and its timeline') XXXXXXXX
BBBBBBBB BBBB

BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'%(reference)s: the decision on your grant application') SSSSSSSSSSSSSS SSS SSSSSSSS SS SSSS SSSSS SSSSSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'The agency has not approved the application %(reference)s of %(organisation_name)s (“%(title)s”) to the call “%(call_title)s”.') SSS SSSSSS SSS SSS SSSSSSSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSSSSSS SS SSS SSSS SSSSSSSSSSSSSSSSSXXXX
BB BBBBBBBXXX gettext(u'The reasons for the decision:') XXXXXXXXXXXXXXXXFFFFFFFFFFFFXXXXXXXXXXXXXBBBBB
XXX gettext(u"The decision letter follows in a separate e-mail, as a PDF; it will also be on the application's page.") XXXX
XXXXX XXXXXXXX gettext(u'See where it stands, and its timeline') XXXXXXXX
BBBBBBBB BBBB

BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBB
BBBBB BBBBB gettext(u'%(reference)s: your grant is approved') SSSSSSSSSSSSSS SSSS SSSSS SS SSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'The agency approved the application %(reference)s of %(organisation_name)s (“%(title)s”) with a grant of %(amount)s.') SSS SSSSSS SSSSSSSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SSSSSSSSSSSSS SSSS S SSSSS SS SSSSSSSSSSSXXXX
BB BBBBBBBXXX gettext(u'The reasons for the decision:') XXXXXXXXXXXXXXXXFFFFFFFFFFFFXXXXXXXXXXXXXBBBBB
XXX gettext(u"The decision letter follows in a separate e-mail, as a PDF; it will also be on the application's page. The agency will then send you the grant agreement to sign.") XXXX
XXXXX XXXXXXXX gettext(u'See where it stands, and its timeline') XXXXXXXX
BBBBBBBB BBBB

BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'You now coach %(organisation_name)s on DigitalEES') SSS SSS SSSSS SSSSSSSSSSSSSSSSSSSSS SS SSSSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'The DigitalEES team has assigned you as a coach of <b>%(organisation_name)s</b>.') SSS SSSSSSSSSS SSSS SSS SSSSSSSS SSS SS S SSSSS SS SSSSSSSSSSSSSSSSSSSSSSSSSSSSSXXXX
BB BBBBB
XXX gettext(u'Your areas of expertise for this enterprise:') XXXX
XXXXBBB BBBB BB BBBBBXXXXXXXXXBBBBBBXXXXX
BBBB
XXX gettext(u'No area of expertise has been set for you yet: the agency will tell you what it counts on you for.') XXXX
BBBBB
XXXXX XXXXXXXXXXX gettext(u'Open the enterprise’s page') XXXXXXXXXXXX
XXX gettext(u'Its admins have been told, with your name and e-mail address: they may contact you.') XXXX
BBBBBBBB BBBB

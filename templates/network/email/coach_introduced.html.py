BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBBB gettext(u'%(coach_name)s is now a coach of %(organisation_name)s') SSSSSSSSSSSSSS SS SSS S SSSSS SS SSSSSSSSSSSSSSSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXX gettext(u'The DigitalEES team has assigned %(coach_name)s (%(coach_email)s) as a coach of <b>%(organisation_name)s</b>.') SSS SSSSSSSSSS SSSS SSS SSSSSSSS SSSSSSSSSSSSSS SSSSSSSSSSSSSSSSS SS S SSSSS SS SSSSSSSSSSSSSSSSSSSSSSSSSSSSSXXXX
BB BBBBB
XXX gettext(u'What they bring to your enterprise:') XXXX
XXXXBBB BBBB BB BBBBBXXXXXXXXXBBBBBBXXXXX
BBBBB
XXX gettext(u"Your coach sees your organisation's page, diagnostics and transformation plan, and will contact you to plan a first session. You can also write to them:")  XX XXXXXXXXXXXXXXXXXXXXXXX
XXXXX XXXXXXXXXXX gettext(u'Open the enterprise’s page') XXXXXXXXXXXX
BBBBBBBB BBBB

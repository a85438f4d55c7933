BBBB BBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u'The DigitalEES team has assigned %(coach_name)s (%(coach_email)s) as a coach of %(organisation_name)s.') SSS SSSSSSSSSS SSSS SSS SSSSSSSS SSSSSSSSSSSSSS SSSSSSSSSSSSSSSSS SS S SSSSS SS SSSSSSSSSSSSSSSSSSSSSS
BB BBBBB
 gettext(u'What they bring to your enterprise:') 
BBB BBBB BB BBBBBX 
BBBBBBBBBBB
 gettext(u"Your coach sees your organisation's page, diagnostics and transformation plan, and will contact you to plan a first session. You can also write to them:")  



XX
XXXXXXXXXX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS

BBBBBBBBBBBBB

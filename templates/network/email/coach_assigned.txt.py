BBBB BBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u'The DigitalEES team has assigned you as a coach of %(organisation_name)s.') SSS SSSSSSSSSS SSSS SSS SSSSSSSS SSS SS S SSSSS SS SSSSSSSSSSSSSSSSSSSSSS
BB BBBBB
 gettext(u'Your areas of expertise for this enterprise:') 
BBB BBBB BB BBBBBX 
BBBBBBBBBB
 gettext(u'No area of expertise has been set for you yet: the agency will tell you what it counts on you for.') 
BBBBB
 gettext(u"The enterprise's page, with its people, diagnostics and plan:") 


 gettext(u'Its admins have been told, with your name and e-mail address: they may contact you.') 

XX
XXXXXXXXXX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS

BBBBBBBBBBBBB

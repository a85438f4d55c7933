BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBB gettext(u'You asked to register for this event:') 

BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
 gettext(u'Confirm your registration with this link (valid for 7 days):') 


 gettext(u'If you did not ask for it, ignore this message: nothing happens without the click.') 

BBBBBBBB BBBB

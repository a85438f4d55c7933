BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBB
BBBBB BBBB gettext(u'The event is full: you are on the waiting list. As soon as a seat frees up, it is yours and we e-mail you.') 

BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
 gettext(u'No longer interested? Leave the waiting list:') 


BBBBBBBB BBBB

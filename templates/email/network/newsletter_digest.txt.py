BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBB gettext(u'What the network shared in %(month)s, and what is coming.') SSSS SSS SSSSSSS SSSSSS SS SSSSSSSSSS SSS SSSS SS SSSSSSS
BB BBBBBBBBBBBBBBBBBB
XX  gettext(u'New shared experiences')  XX
BBB BBBBBBBBBB BB BBBBBBBBBBBBBBBBBBX  X 
  
BBBBBBBB BBBBBBBBBBBBBBBBBBBBBBB ngettext(u'And %(count)s more:', u'And %(count)s more:', count) SSS SSSSSSSSS SSSSSPPP PPPPPPPPP PPPPP BBB BBBBBBBBBBBBBBBBBBBBBBBBB
BBBBBBBBBBBB BBBBBBBBBBBBB
XX  gettext(u'Events coming up')  XX
BBB BBBBB BB BBBBBBBBBBBBBX  X  gettext(u'%(date)s at %(time)s') SSSSSSSS SS SSSSSSSSBB BBBBBBBBBBB X BBBBB
  
BBBBBBBBBBB
XX
 gettext(u'You receive this digest because you subscribed to the DigitalEES newsletter. To unsubscribe, open this link:') 
BBBBBBBB BBBB

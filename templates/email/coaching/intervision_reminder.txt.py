BBBBBBB BBBBBBBBBBBBBBBBBBBB BBBBBBBBB BBBB ngettext(u'A reminder of the intervision you are invited to:', u'A reminder of the intervisions you are invited to:', count) S SSSSSSSS SS SSS SSSSSSSSSSS SSS SSS SSSSSSS SSSP PPPPPPPP PP PPP PPPPPPPPPPPP PPP PPP PPPPPPP PPP
BBB BBBBBBBBBBB BB BBBBBBBBBBBB
X  XX
   gettext(u'%(date)s at %(time)s (%(minutes)s minutes)') SSSSSSSS SS SSSSSSSS SSSSSSSSSSSS SSSSSSSSBB BBBBBBBBBBBBBBBBBBBB
   gettext(u'Place:')  BBBBB
  
BBBBBB
 gettext(u"There is still time to post the questions you want to raise, anonymously if you wish, on the intervision's page.") 

BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBB

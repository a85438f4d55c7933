BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBB BBBB
 #

BBBBB BBBBBBBBBB gettext(u'Verify Your Email Address') BBBBBBBB BBBBBBBBBB
BBBBB BBBBBBB
  XXX XXXXXXXXX XXXXXX gettext(u'Verify Your Email Address') XXXXX
  XXX gettext(u'We have sent you an e-mail to confirm your address. Follow the link in it to finish signing up. If it is not in your inbox, check your spam folder.') XXXX
  BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBBBBBB BBBBBBB

BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBB
BBBB BBBB
 #

BBBBB BBBBBBBBBB gettext(u'Verify Your Email Address') BBBBBBBB BBBBBBBBBB
BBBBB BBBBBBB
  XXX XXXXXXXXX XXXXXX gettext(u'Verify Your Email Address') XXXXX
  BBB BBBBBBBBBBBBBBB BB BBBBBBBBB
  XXX gettext(u'This part of the site requires us to verify that\nyou are who you claim to be. For this purpose, we require that you\nverify ownership of your email address. ') SSSS SSSS SS SSS SSSS SSSSSSSS SS SS SSSSSS SSSS
SSS SSS SSS SSS SSSSS SS SSS SSS SSSS SSSSSSSS SS SSSSSSS SSSS SSS
SSSSSS SSSSSSSSS SS SSSS SSSSS SSSSSSSS XXXX
  XXX gettext(u'We have sent you an e-mail to confirm your address. Follow the link in it. If it is not in your inbox, check your spam folder.') XXXX
  BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
  XXX gettext(u'<strong>Note:</strong> you can still <a href="%(email_url)s">change your email address</a>.') SSSSSSSSSSSSSSSSSSSSSS SSS SSS SSSSS SS SSSSSSSSSSSSSSSSSSSSSSSSSSS SSSS SSSSS SSSSSSSSSSSSXXXX
BBBBBBBB BBBBBBB

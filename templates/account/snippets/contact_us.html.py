BBBB BBBBBBB BBBBBBBBB BB BBBBBBBBBBBXXXBB BBBBBBB BB BBBBBBB gettext(u'Trouble resetting your password? Write to us at <a href="mailto:%(contact_email)s">%(contact_email)s</a>, or see the <a href="%(contact_url)s">contact page</a>.') 
  SSSSSSS SSSSSSSSS SSSS SSSSSSSSS SSSSS SS SS SS SS SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS SS SSS SSS SS SSSSSSSSSSSSSSSSSSSSSSSSSSSSSS SSSSSSSSS
BBBB gettext(u'Still no e-mail after a few minutes? Write to us at <a href="mailto:%(contact_email)s">%(contact_email)s</a>, or see the <a href="%(contact_url)s">contact page</a>.') 
  SSSSS SS SSSSSS SSSSS S SSS SSSSSSSS SSSSS SS SS SS SS SSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSSS SS SSS SSS SS SSSSSSSSSSSSSSSSSSSSSSSSSSSSSS SSSSSSSSS
BBBBBXXXX

BBBB BBBBBBBBBBBBBB BBB gettext(u'Hello from %(site_name)s!') SSSSS SSSS SSSSSSSSSSSSSS

BBBBB BBBBBBBBBBBBBBB BBBBBBB

 gettext(u'Thank you for using %(site_name)s!\n%(site_domain)s') SSSSS SSS SSS SSSSS SSSSSSSSSSSSSS
SSSSSSSSSSSSSSS

XX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS
BBBBBBBBBBBBB

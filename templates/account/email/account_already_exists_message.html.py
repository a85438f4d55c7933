BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBB BBBBBBB BBBB

BBBBB BBBBBBB
BBBBBB BBBBXX XXXXXXXXXXXXBBBBBBBBB
 gettext(u'You are receiving this email because you or someone else tried to signup for an\naccount using email address:\n\n%(email)s\n\nHowever, an account using that email address already exists.  In case you have\nforgotten about this, please use the password forgotten procedure to recover\nyour account:\n\n%(password_reset_url)s') SSS SSS SSSSSSSSS SSSS SSSSS SSSSSSS SSS SS SSSSSSS SSSS SSSSS SS SSSSSS SSS SS
SSSSSSS SSSSS SSSSS SSSSSSSS

SSSSSSSSS

SSSSSSSS SS SSSSSSS SSSSS SSSS SSSSS SSSSSSS SSSSSSS SSSSSSS  SS SSSS SSS SSSS
SSSSSSSSS SSSSS SSSSS SSSSSS SSS SSS SSSSSSSS SSSSSSSSS SSSSSSSSS SS SSSSSSS
SSSS SSSSSSSS

SSSSSSSSSSSSSSSSSSSSSS
FFFFFFFFFF
BBBBBBBB BBBBBBB

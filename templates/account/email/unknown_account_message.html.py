BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
BBBB BBBB

BBBBB BBBBBBB
XXX gettext(u'You are receiving this email because you, or someone else, tried to access an account with email %(email)s. However, we do not have any record of such an account in our database.') SSS SSS SSSSSSSSS SSSS SSSSS SSSSSSS SSSS SS SSSSSSS SSSSS SSSSS SS SSSSSS SS SSSSSSS SSSS SSSSS SSSSSSSSSS SSSSSSSS SS SS SSS SSSS SSS SSSSSS SS SSSS SS SSSSSSS SS SSS SSSSSSSSSXXXX
XXX gettext(u'This mail can be safely ignored if you did not initiate this action.') SSSS SSSS SSS SS SSSSSS SSSSSSS SS SSS SSS SSS SSSSSSSS SSSS SSSSSSSXXXX
XXX gettext(u'If it was you, you can sign up for an account using the link below.') SS SS SSS SSSS SSS SSS SSSS SS SSS SS SSSSSSS SSSSS SSS SSSS SSSSSSXXXX
XXXXX XXXXXXXXXXXXXXXXXXXXXXX
BBBBBBBB BBBBBBB

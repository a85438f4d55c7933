BBBB BBBB BBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

 gettext(u'The grant agreement for the application %(reference)s (“%(title)s”) was signed on %(date)s. The advance of %(advance)s will be paid to you shortly.') SSS SSSSS SSSSSSSSS SSS SSS SSSSSSSSSSS SSSSSSSSSSSSS SSSSSSSSSSSSS SSS SSSSSS SS SSSSSSSSS SSS SSSSSSS SS SSSSSSSSSSS SSSS SS SSSS SS SSS SSSSSSSS

 gettext(u'Once the project is done, submit the final report with the invoices and the proofs of payment: the balance is paid on it.') 

 gettext(u'See where it stands, and its timeline:')  

XX
XXXXXXXXXX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS

BBBBBBBBBBBBB

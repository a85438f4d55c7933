BBBB BBBB BBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

BB BBBBBBBBBB gettext(u'The agency paid %(amount)s to %(organisation_name)s on %(date)s: the balance of the grant %(reference)s (“%(title)s”). Payment reference: %(payment_reference)s.') SSS SSSSSS SSSS SSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SS SSSSSSSSS SSS SSSSSSS SS SSS SSSSS SSSSSSSSSSSSS SSSSSSSSSSSSSS SSSSSSS SSSSSSSSSS SSSSSSSSSSSSSSSSSSSSSSBBBB gettext(u'The agency paid %(amount)s to %(organisation_name)s on %(date)s: the advance of the grant %(reference)s (“%(title)s”). Payment reference: %(payment_reference)s.') SSS SSSSSS SSSS SSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SS SSSSSSSSS SSS SSSSSSS SS SSS SSSSS SSSSSSSSSSSSS SSSSSSSSSSSSSS SSSSSSS SSSSSSSSSS SSSSSSSSSSSSSSSSSSSSSSBBBBB
BB BBBBBBBBBB
 gettext(u'This was the last tranche: the application is now closed. Thank you for your final report.') 

 gettext(u'Thank you for taking part in the programme. Share your experience with the network: it helps other enterprises.') 
 gettext(u'Write it:')  
BBBB
 gettext(u'The balance is paid on your final report: what was done, and the expenses with their invoices and proofs of payment.') 
BBBBB
 gettext(u'See the payments:')  

XX
XXXXXXXXXX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS

BBBBBBBBBBBBB

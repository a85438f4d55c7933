BBBBBBB BBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBB
BBBBB BBBBB gettext(u'%(reference)s: %(amount)s paid to your organisation') SSSSSSSSSSSSSS SSSSSSSSSS SSSS SS SSSS SSSSSSSSSSSSBBBBBBBB BBBBB
BBBBB BBBB
XXXBB BBBBBBBBBB gettext(u'The agency paid %(amount)s to %(organisation_name)s on %(date)s: the balance of the grant %(reference)s (“%(title)s”). Payment reference: %(payment_reference)s.') SSS SSSSSS SSSS SSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SS SSSSSSSSS SSS SSSSSSS SS SSS SSSSS SSSSSSSSSSSSS SSSSSSSSSSSSSS SSSSSSS SSSSSSSSSS SSSSSSSSSSSSSSSSSSSSSSBBBB gettext(u'The agency paid %(amount)s to %(organisation_name)s on %(date)s: the advance of the grant %(reference)s (“%(title)s”). Payment reference: %(payment_reference)s.') SSS SSSSSS SSSS SSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SS SSSSSSSSS SSS SSSSSSS SS SSS SSSSS SSSSSSSSSSSSS SSSSSSSSSSSSSS SSSSSSS SSSSSSSSSS SSSSSSSSSSSSSSSSSSSSSSBBBBBXXXX
BB BBBBBBBBBB
XXX gettext(u'This was the last tranche: the application is now closed. Thank you for your final report.') XXXX
XXX gettext(u'Thank you for taking part in the programme. Share your experience with the network: it helps other enterprises.')  XX XXXXXXXX gettext(u'Write your experience') XXXXXXXX
BBBB
XXX gettext(u'The balance is paid on your final report: what was done, and the expenses with their invoices and proofs of payment.') XXXX
BBBBB
XXXXX XXXXXXXX gettext(u'See the payments') XXXXXXXX
BBBBBBBB BBBB

BBBB BBBBBBBBBBBBBB BBBBBBBBBB BBBBBBBBBBBBBBBBBBBBB

BB BBBBBBBBBBBBBBBBB gettext(u'The PDF report of the digital maturity diagnostic of %(organisation_name)s (results of %(results_date)s) is ready.') SSS SSS SSSSSS SS SSS SSSSSSS SSSSSSSS SSSSSSSSSS SS SSSSSSSSSSSSSSSSSSSSS SSSSSSSS SS SSSSSSSSSSSSSSSSS SS SSSSSSBBBB gettext(u'The PDF report of your digital maturity diagnostic (results of %(results_date)s) is ready.') SSS SSS SSSSSS SS SSSS SSSSSSS SSSSSSSS SSSSSSSSSS SSSSSSSS SS SSSSSSSSSSSSSSSSS SS SSSSSSBBBBB

BB BBBBBBBBBB gettext(u'To see your results and download it, open this link:') BBBB gettext(u'To download it, open this link:') BBBBB


BB BBBBBBBBBB gettext(u'The link opens your results, with the report ready to download, in any browser for %(expires_days)s days. Keep it to yourself: whoever has it can see your results. Create an account to keep them.') SSS SSSS SSSSS SSSS SSSSSSSS SSSS SSS SSSSSS SSSSS SS SSSSSSSSS SS SSS SSSSSSS SSS SSSSSSSSSSSSSSSS SSSSS SSSS SS SS SSSSSSSSS SSSSSSS SSS SS SSS SSS SSSS SSSSSSSS SSSSSS SS SSSSSSS SS SSSS SSSSSBBBB gettext(u'Log in with your DigitalEES account if you are asked to: only the people who may see these results can download the report.') BBBBB

 gettext(u'If you did not ask for this report, you can ignore this message.') 

XX
XXXXXXXXXX
 gettext(u'A programme of %(agency)s') S SSSSSSSSS SS SSSSSSSSSS

BBBBBBBBBBBBB

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
  <context>
    <name>ActivationScreen</name>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="193" />
      <source>Activating…</source>
      <translation>활성화하는 중…</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="194" />
      <source>That code is not correct. Check it and try again.</source>
      <translation>코드가 올바르지 않습니다. 확인 후 다시 입력해 주세요.</translation>
    </message>
    <message numerus="yes">
      <location filename="../../kiosk_app/screens/activation.py" line="195" />
      <source>Attempts left: %n.</source>
      <translation>
        <numerusform>남은 시도: %n회.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="196" />
      <source>This code has expired. Ask the store owner for a new code.</source>
      <translation>만료된 코드입니다. 점주에게 새 코드를 요청하세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="197" />
      <source>This code has already been used. Ask the store owner for a new code.</source>
      <translation>이미 사용된 코드입니다. 점주에게 새 코드를 요청하세요.</translation>
    </message>
    <message numerus="yes">
      <location filename="../../kiosk_app/screens/activation.py" line="198" />
      <source>Too many wrong codes. Activation is paused: try again in %n min.</source>
      <translation>
        <numerusform>잘못된 코드를 여러 번 입력했습니다. 활성화가 잠시 중지되었습니다: %n분 후에 다시 시도하세요.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="199" />
      <source>The server cannot be reached. Check the network and try again.</source>
      <translation>서버에 연결할 수 없습니다. 네트워크를 확인하고 다시 시도하세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="201" />
      <source>This computer has no secure key store; the kiosk will forget its activation when restarted.</source>
      <translation>이 컴퓨터에 보안 키 저장소가 없어 다시 시작하면 활성화 정보가 사라집니다.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="203" />
      <source>The two PINs differ. Choose the PIN again.</source>
      <translation>두 PIN이 다릅니다. PIN을 다시 정해 주세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="204" />
      <source>Activation failed. Please try again.</source>
      <translation>활성화에 실패했습니다. 다시 시도해 주세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="205" />
      <source>The kiosk could not open its local data: %1</source>
      <translation>키오스크의 로컬 데이터를 열 수 없습니다: %1</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="214" />
      <source>Choose a staff PIN</source>
      <translation>직원 PIN 설정</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="216" />
      <source>Enter the same PIN again to confirm it.</source>
      <translation>확인을 위해 같은 PIN을 한 번 더 입력하세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="219" />
      <source>Staff enter this PIN (%1 to %2 digits) for maintenance and age checks.</source>
      <translation>직원이 점검 화면과 연령 확인에 사용할 PIN입니다 (%1~%2자리 숫자).</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="223" />
      <source>Confirm PIN</source>
      <translation>PIN 확인</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="223" />
      <source>Next</source>
      <translation>다음</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="224" />
      <source>Clear</source>
      <translation>지우기</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="227" />
      <source>Activate this kiosk</source>
      <translation>이 키오스크 활성화</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="229" />
      <source>Enter the one-time code from the owner app (Devices, then Add kiosk).</source>
      <translation>점주 앱의 일회용 코드를 입력하세요 (기기 → 키오스크 추가).</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="231" />
      <source>Activate</source>
      <translation>활성화</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/activation.py" line="235" />
      <source>Server: %1</source>
      <translation>서버: %1</translation>
    </message>
  </context>
  <context>
    <name>AttractScreen</name>
    <message>
      <location filename="../../kiosk_app/screens/attract.py" line="109" />
      <source>Self checkout · Pay by card</source>
      <translation>셀프 계산 · 카드 결제</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/attract.py" line="112" />
      <source>Scan or pick your items</source>
      <translation>상품을 스캔하거나 고르세요</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/attract.py" line="112" />
      <source>Pay by card</source>
      <translation>카드로 결제하세요</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/attract.py" line="112" />
      <source>Done! Take your receipt</source>
      <translation>완료! 영수증을 확인하세요</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/attract.py" line="116" />
      <source>Touch the screen to start</source>
      <translation>화면을 터치하여 시작하세요</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/attract.py" line="124" />
      <source>Open 24 hours. Cold drinks, snacks and everyday essentials.</source>
      <translation>24시간 영업. 시원한 음료, 과자, 생활용품까지.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/attract.py" line="135" />
      <source>dddd, MMMM d  HH:mm</source>
      <translation>M월 d일 dddd  HH:mm</translation>
    </message>
  </context>
  <context>
    <name>CartLineRow</name>
    <message>
      <location filename="../../kiosk_app/screens/cart.py" line="70" />
      <source>19+ ID check</source>
      <translation>19세 이상</translation>
    </message>
  </context>
  <context>
    <name>CartScreen</name>
    <message>
      <location filename="../../kiosk_app/screens/cart.py" line="170" />
      <source>Age checked by staff. Thank you.</source>
      <translation>직원이 연령을 확인했습니다. 감사합니다.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/cart.py" line="173" />
      <source>Your cart has items for adults (19+). Staff will check your ID before you pay.</source>
      <translation>장바구니에 성인(19세 이상) 상품이 있습니다. 결제 전에 직원이 신분증을 확인합니다.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/cart.py" line="179" />
      <source>Staff check, then pay %1</source>
      <translation>직원 확인 후 %1 결제</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/cart.py" line="181" />
      <source>Pay %1</source>
      <translation>%1 결제하기</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/cart.py" line="184" />
      <source>Your cart</source>
      <translation>장바구니</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/cart.py" line="185" />
      <source>Your cart is empty.</source>
      <translation>장바구니가 비어 있습니다.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/cart.py" line="186" />
      <source>Total (VAT included)</source>
      <translation>합계 (부가세 포함)</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/cart.py" line="187" />
      <source>Add more</source>
      <translation>더 담기</translation>
    </message>
  </context>
  <context>
    <name>CatalogueScreen</name>
    <message>
      <location filename="../../kiosk_app/screens/catalogue.py" line="151" />
      <location filename="../../kiosk_app/screens/catalogue.py" line="211" />
      <source>All</source>
      <translation>전체</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/catalogue.py" line="184" />
      <source>Search products</source>
      <translation>상품 검색</translation>
    </message>
    <message numerus="yes">
      <location filename="../../kiosk_app/screens/catalogue.py" line="192" />
      <source>Items in your cart: %n</source>
      <translation>
        <numerusform>장바구니 %n개</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/catalogue.py" line="206" />
      <source>No products match. Try another category or search.</source>
      <translation>맞는 상품이 없습니다. 다른 분류나 검색어를 골라 보세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/catalogue.py" line="207" />
      <source>View cart</source>
      <translation>장바구니 보기</translation>
    </message>
  </context>
  <context>
    <name>DoneScreen</name>
    <message numerus="yes">
      <location filename="../../kiosk_app/screens/done.py" line="73" />
      <source>Returning to the start in %n s.</source>
      <translation>
        <numerusform>%n초 후 처음 화면으로 돌아갑니다.</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/done.py" line="135" />
      <source>Total</source>
      <translation>합계</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/done.py" line="136" />
      <source>VAT included</source>
      <translation>부가세 포함</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/done.py" line="137" />
      <source>Card</source>
      <translation>카드</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/done.py" line="133" />
      <source>Pending (approved when the kiosk is back online)</source>
      <translation>보류 (온라인 연결 시 승인)</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/done.py" line="138" />
      <source>Approval no.</source>
      <translation>승인번호</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/done.py" line="139" />
      <source>Order no.</source>
      <translation>주문번호</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/done.py" line="150" />
      <source>%1 (syncing)</source>
      <translation>%1 (전송 중)</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/done.py" line="172" />
      <source>Thank you!</source>
      <translation>감사합니다!</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/done.py" line="173" />
      <source>Your payment is complete. Please take your items.</source>
      <translation>결제가 완료되었습니다. 상품을 챙겨 가세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/done.py" line="174" />
      <source>Finish</source>
      <translation>완료</translation>
    </message>
  </context>
  <context>
    <name>IdleOverlay</name>
    <message>
      <location filename="../../kiosk_app/widgets/overlays.py" line="72" />
      <source>Are you still there?</source>
      <translation>계속 이용하시나요?</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/widgets/overlays.py" line="73" />
      <source>Your cart will be cleared and the kiosk will start over.</source>
      <translation>곧 장바구니가 비워지고 처음 화면으로 돌아갑니다.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/widgets/overlays.py" line="74" />
      <source>I'm still here</source>
      <translation>계속 이용하기</translation>
    </message>
  </context>
  <context>
    <name>KioskHeader</name>
    <message>
      <location filename="../../kiosk_app/widgets/header.py" line="58" />
      <source>Staff</source>
      <translation>직원</translation>
    </message>
  </context>
  <context>
    <name>KioskWindow</name>
    <message>
      <location filename="../../kiosk_app/window.py" line="181" />
      <source>Added: %1</source>
      <translation>담았습니다: %1</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/window.py" line="182" />
      <source>Sorry, %1 is sold out.</source>
      <translation>죄송합니다. %1 상품은 품절입니다.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/window.py" line="183" />
      <source>That is all we have of this product.</source>
      <translation>이 상품의 남은 재고를 모두 담았습니다.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/window.py" line="184" />
      <source>This barcode is not in our catalogue: %1</source>
      <translation>등록되지 않은 바코드입니다: %1</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/window.py" line="185" />
      <source>Prices or stock changed; your cart was updated.</source>
      <translation>가격이나 재고가 바뀌어 장바구니를 업데이트했습니다.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/window.py" line="192" />
      <source>AutoStore Kiosk</source>
      <translation>AutoStore 키오스크</translation>
    </message>
  </context>
  <context>
    <name>MaintenanceScreen</name>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="98" />
      <source>Tap again to confirm re-activation</source>
      <translation>한 번 더 누르면 재활성화합니다</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="112" />
      <source>not activated</source>
      <translation>활성화 안 됨</translation>
    </message>
    <message numerus="yes">
      <location filename="../../kiosk_app/screens/maintenance.py" line="115" />
      <source>Waiting to sync: %n</source>
      <translation>
        <numerusform>전송 대기 %n건</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../kiosk_app/screens/maintenance.py" line="116" />
      <source>Refused by the backend: %n (kept for staff)</source>
      <translation>
        <numerusform>서버가 거부한 판매 %n건 (직원 확인용 보관)</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="129" />
      <source>Signed out: re-activate this kiosk</source>
      <translation>로그아웃됨: 키오스크를 다시 활성화하세요</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="131" />
      <source>Checking…</source>
      <translation>확인 중…</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="132" />
      <source>Online</source>
      <translation>온라인</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="132" />
      <source>Offline</source>
      <translation>오프라인</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="137" />
      <source>nobody in range</source>
      <translation>감지된 사람 없음</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="141" />
      <source>Maintenance</source>
      <translation>점검</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="143" />
      <source>Store</source>
      <translation>매장</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="144" />
      <source>Device</source>
      <translation>기기</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="145" />
      <source>Server</source>
      <translation>서버</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="146" />
      <source>Network</source>
      <translation>네트워크</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="147" />
      <source>Sync queue</source>
      <translation>전송 대기열</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="148" />
      <source>Refused sales</source>
      <translation>거부된 판매</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="149" />
      <source>Distance sensor</source>
      <translation>거리 센서</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="150" />
      <source>Card reader</source>
      <translation>카드 리더기</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="151" />
      <source>Camera</source>
      <translation>카메라</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="152" />
      <source>App version</source>
      <translation>앱 버전</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="156" />
      <source>Sync now</source>
      <translation>지금 전송</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="157" />
      <source>Re-activate kiosk</source>
      <translation>키오스크 재활성화</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="158" />
      <source>Exit kiosk mode</source>
      <translation>키오스크 모드 종료</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/maintenance.py" line="159" />
      <source>Back to sales</source>
      <translation>판매 화면으로</translation>
    </message>
  </context>
  <context>
    <name>OfflineBanner</name>
    <message>
      <location filename="../../kiosk_app/widgets/header.py" line="96" />
      <source>This kiosk is signed out. Staff: re-activate it in maintenance.</source>
      <translation>이 키오스크는 로그아웃되었습니다. 직원은 점검 화면에서 다시 활성화하세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/widgets/header.py" line="99" />
      <source>Offline: card payments up to %1 only.</source>
      <translation>오프라인: %1 이하 카드 결제만 가능합니다.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/widgets/header.py" line="101" />
      <source>Offline: card payments are unavailable right now.</source>
      <translation>오프라인: 지금은 카드 결제를 할 수 없습니다.</translation>
    </message>
    <message numerus="yes">
      <location filename="../../kiosk_app/widgets/header.py" line="104" />
      <source>Sales waiting to sync: %n.</source>
      <translation>
        <numerusform>전송 대기 중인 판매 %n건.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>PaymentScreen</name>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="100" />
      <source>Insert or tap your card</source>
      <translation>카드를 꽂거나 대 주세요</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="101" />
      <source>Use the card reader below the screen.</source>
      <translation>화면 아래의 카드 리더기를 이용하세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="106" />
      <source>Reading your card…</source>
      <translation>카드를 읽는 중…</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="106" />
      <source>Keep the card on the reader.</source>
      <translation>카드를 리더기에서 떼지 마세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="109" />
      <source>Approving your payment…</source>
      <translation>결제를 승인하는 중…</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="110" />
      <source>This takes a few seconds.</source>
      <translation>잠시만 기다려 주세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="115" />
      <source>Almost done…</source>
      <translation>거의 다 됐습니다…</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="115" />
      <source>Saving your purchase.</source>
      <translation>구매 내역을 저장하고 있습니다.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="117" />
      <source>Payment approved</source>
      <translation>결제 승인</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="120" />
      <source>Please call staff</source>
      <translation>직원을 불러 주세요</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="121" />
      <source>Your payment went through but the purchase could not be saved. Do not pay again.</source>
      <translation>결제는 완료되었지만 구매 내역을 저장하지 못했습니다. 다시 결제하지 마세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="126" />
      <source>Card declined</source>
      <translation>카드 승인 거절</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="127" />
      <source>The card could not be read</source>
      <translation>카드를 읽을 수 없습니다</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="131" />
      <source>The card has insufficient funds. Try another card.</source>
      <translation>카드 잔액이 부족합니다. 다른 카드를 사용해 주세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="132" />
      <source>The card has expired. Try another card.</source>
      <translation>유효기간이 지난 카드입니다. 다른 카드를 사용해 주세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="133" />
      <source>The card issuer did not answer in time. Please try again.</source>
      <translation>카드사 응답이 늦어지고 있습니다. 다시 시도해 주세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="135" />
      <source>Card payments are unavailable while the kiosk is offline. Please try again later.</source>
      <translation>키오스크가 오프라인이라 카드 결제를 할 수 없습니다. 잠시 후 다시 시도해 주세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="138" />
      <source>The card issuer declined the payment. Try another card.</source>
      <translation>카드사에서 결제를 거절했습니다. 다른 카드를 사용해 주세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="142" />
      <source>The card was removed too soon. Tap again and hold it still.</source>
      <translation>카드를 너무 빨리 뗐습니다. 다시 대고 잠시 기다려 주세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="143" />
      <source>This card is not recognised. Try a credit or debit card.</source>
      <translation>인식할 수 없는 카드입니다. 신용카드나 체크카드를 사용해 주세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="144" />
      <source>This is not a payment card. Try a credit or debit card.</source>
      <translation>결제용 카드가 아닙니다. 신용카드나 체크카드를 사용해 주세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="145" />
      <source>The payment could not be processed. Please try again.</source>
      <translation>결제를 처리하지 못했습니다. 다시 시도해 주세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="147" />
      <source>Something went wrong reading the card. Please try again.</source>
      <translation>카드를 읽는 중 문제가 생겼습니다. 다시 시도해 주세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="158" />
      <source>Offline: cards are accepted up to %1.</source>
      <translation>오프라인: %1 이하만 카드 결제가 됩니다.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="161" />
      <source>Offline: card payments may be declined.</source>
      <translation>오프라인: 카드 결제가 거절될 수 있습니다.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="164" />
      <source>Amount to pay</source>
      <translation>결제 금액</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="165" />
      <source>Cancel</source>
      <translation>취소</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/payment.py" line="166" />
      <source>Try again</source>
      <translation>다시 시도</translation>
    </message>
  </context>
  <context>
    <name>PinOverlay</name>
    <message>
      <location filename="../../kiosk_app/widgets/overlays.py" line="132" />
      <source>Staff age check</source>
      <translation>직원 연령 확인</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/widgets/overlays.py" line="134" />
      <source>Your cart has age-restricted items. Staff: check ID, then enter your PIN.</source>
      <translation>연령 제한 상품이 있습니다. 직원은 신분증을 확인한 후 PIN을 입력하세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/widgets/overlays.py" line="137" />
      <source>Staff PIN</source>
      <translation>직원 PIN</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/widgets/overlays.py" line="138" />
      <source>Enter the staff PIN to open maintenance.</source>
      <translation>점검 화면을 열려면 직원 PIN을 입력하세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/widgets/overlays.py" line="139" />
      <source>Clear</source>
      <translation>지우기</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/widgets/overlays.py" line="140" />
      <source>Cancel</source>
      <translation>취소</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/widgets/overlays.py" line="141" />
      <source>OK</source>
      <translation>확인</translation>
    </message>
    <message numerus="yes">
      <location filename="../../kiosk_app/widgets/overlays.py" line="149" />
      <source>Too many wrong PINs. The keypad is locked for %n s.</source>
      <translation>
        <numerusform>잘못된 PIN을 여러 번 입력했습니다. %n초 동안 잠깁니다.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <location filename="../../kiosk_app/widgets/overlays.py" line="151" />
      <source>Wrong PIN. Attempts left: %n.</source>
      <translation>
        <numerusform>PIN이 틀렸습니다. 남은 시도: %n회.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>ProductTile</name>
    <message numerus="yes">
      <location filename="../../kiosk_app/widgets/product_tile.py" line="125" />
      <source>%n left</source>
      <translation>
        <numerusform>%n개 남음</numerusform>
      </translation>
    </message>
    <message>
      <location filename="../../kiosk_app/widgets/product_tile.py" line="135" />
      <source>Sold out</source>
      <translation>품절</translation>
    </message>
  </context>
  <context>
    <name>SearchPad</name>
    <message>
      <location filename="../../kiosk_app/widgets/search_pad.py" line="67" />
      <source>Tap the first consonants of the name: ㄱㅂ finds 김밥.</source>
      <translation>상품명의 첫 자음을 누르세요: ㄱㅂ → 김밥</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/widgets/search_pad.py" line="69" />
      <source>Tap the first letters of the name.</source>
      <translation>상품명의 첫 글자를 누르세요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/widgets/search_pad.py" line="70" />
      <source>Done</source>
      <translation>닫기</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/widgets/search_pad.py" line="72" />
      <source>Clear</source>
      <translation>지우기</translation>
    </message>
  </context>
  <context>
    <name>WelcomeScreen</name>
    <message>
      <location filename="../../kiosk_app/screens/welcome.py" line="67" />
      <source>Hello!</source>
      <translation>안녕하세요!</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/welcome.py" line="68" />
      <source>Pick your items on the screen and pay by card. It takes a minute.</source>
      <translation>화면에서 상품을 고르고 카드로 결제하세요. 1분이면 끝나요.</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/welcome.py" line="69" />
      <source>Start shopping</source>
      <translation>쇼핑 시작하기</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/welcome.py" line="70" />
      <source>Language</source>
      <translation>언어</translation>
    </message>
    <message>
      <location filename="../../kiosk_app/screens/welcome.py" line="71" />
      <source>Or scan a product's barcode at any time</source>
      <translation>언제든 상품 바코드를 스캔해도 됩니다</translation>
    </message>
  </context>
</TS>
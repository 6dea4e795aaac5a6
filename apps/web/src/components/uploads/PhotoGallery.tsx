import { Flex, Image } from 'antd';

/** Thumbnails that open the full-size photo on a tap (swipe between them in the preview). */
export function PhotoGallery({
  photos,
  testId,
}: {
  photos: { id: string; url: string; thumbUrl: string | null; name: string }[];
  testId: string;
}) {
  return (
    <Image.PreviewGroup>
      <Flex gap={8} wrap="wrap" data-testid={testId}>
        {photos.map((p) => (
          <Image
            key={p.id}
            src={p.thumbUrl ?? p.url}
            preview={{ src: p.url }}
            width={104}
            height={104}
            style={{ objectFit: 'cover', borderRadius: 6 }}
            alt={p.name}
          />
        ))}
      </Flex>
    </Image.PreviewGroup>
  );
}
